// Targets.
target typescript { package "@clinic/api" }
target python { package "clinic_api" }
target cpp { namespace "clinic" }
