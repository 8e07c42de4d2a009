blueprint Shop { version '1.0' }
