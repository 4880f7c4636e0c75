"""builders/compose"""
