// A whole workflow on one line.
workflow W on E.s { initial a guard g a -> b on x by R when g emits E1 b -> a on y }
