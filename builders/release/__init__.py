"""builders/release"""
