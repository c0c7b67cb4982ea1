"""The sync engine: the transactional outbox, its ports, sending in dependency order, pulling agency
results and applying them to cases, attachments, the background loop and the 同步中心 overview."""
