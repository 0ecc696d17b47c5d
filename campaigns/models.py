"""Emulation campaigns (phong trào thi đua): not built yet; no open issue asks for them."""
