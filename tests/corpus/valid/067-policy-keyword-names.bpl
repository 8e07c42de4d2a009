// Keywords used as roles, actions, resources and conditions.
policy {
  allow to to to on on when when
  deny allow, deny to [allow, deny] on policy
  allow by to emits on initial, guard when at
}
