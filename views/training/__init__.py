"""The 培训 area: scenario list, one scenario (steps, hints, check), the trainer's panel.

``views.training.page.training_area`` is registered by the composition root (like 系统管理).
"""
