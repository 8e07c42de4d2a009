role Admin;
role #Member
role Guest $
