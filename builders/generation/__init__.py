"""builders/generation"""
