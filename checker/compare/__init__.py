"""Comparing claims: rule groups and their consensus, typical slips, how alike two
claims' frames are, and which documents report one event."""
