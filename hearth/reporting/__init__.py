"""The operations report (周报 / 月报): generated each week or month, commented, sent, archived.

A report is a snapshot: its sections are computed once and stored, so an
archived report reads the same later, whatever the data becomes.
"""
