"""drqa/testing"""
