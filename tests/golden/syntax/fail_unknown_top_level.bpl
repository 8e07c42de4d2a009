blueprint Shop { version "1.0.0" }

42

role Admin
