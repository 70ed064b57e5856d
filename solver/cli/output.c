/* output.c -- placeholder */
extern int be_cli_placeholder_output; int be_cli_placeholder_output;
