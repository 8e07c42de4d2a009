// Role declarations.
role Admin
role Receptionist
role Member
