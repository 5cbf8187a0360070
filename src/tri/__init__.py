"""tri: tools for the Tackling Racial Inequality programme."""
