"""The investigators' review web app (FastAPI, server-rendered)."""
