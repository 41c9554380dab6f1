"""Campaigns and tracked links (推广链接): short codes, the redirect, QR codes."""
