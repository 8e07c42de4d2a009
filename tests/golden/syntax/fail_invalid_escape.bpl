type Path = string @pattern("C:\\dir\q")
