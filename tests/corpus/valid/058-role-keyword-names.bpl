// Roles named with keywords.
role to
role allow
role on role by
