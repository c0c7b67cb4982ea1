"""Training on the training profile: demo data, guided scenarios (data files), their automatic check,
and the trainees' attempts."""
