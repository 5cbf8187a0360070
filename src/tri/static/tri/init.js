// Start GOV.UK Frontend's components (loaded just before this as a module).
window.GOVUKFrontend.initAll();
