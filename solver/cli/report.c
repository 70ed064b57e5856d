/* report.c -- placeholder */
extern int be_cli_placeholder_report; int be_cli_placeholder_report;
