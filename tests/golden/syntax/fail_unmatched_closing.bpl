role Admin
}
role Member
