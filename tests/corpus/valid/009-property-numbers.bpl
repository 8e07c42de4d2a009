// Property values that are numbers of every form.
target cpp {
  zero 0
  answer 42
  pi 3.14
  big 1e10
  small 2.5E-3
  negative -7
  spaced - 7
  negFloat -0.5
  expPlus 1e+10
  expMinus 1e-10
}
