"""系统管理 (IT only): one module per panel, ``presenter`` makes every decision, ``page`` lays them out."""
