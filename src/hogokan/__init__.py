"""Hogokan (保護管理): personal-information-protection management for Japanese local governments."""

__version__ = "0.1.0"
