// Several roles after `by`.
workflow W on E.status {
  a -> b on go by Receptionist, Admin
  b -> c on stop by Admin
}
