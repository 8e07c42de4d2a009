role Admin
/* this comment
   never ends
