// An intent whose kind and priority are keywords.
intent intent "x" priority priority {}
intent feature "y" priority to { to on }
