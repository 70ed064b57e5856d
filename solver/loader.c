/* loader.c -- placeholder until written */
#include "model.h"
be_model *be_model_load_file(const char *path, const be_load_options *opt, be_error *err)
{ (void)opt; be_pos p = {0, 0}; be__fail(err, BE_EIO, path, p, "loader not written yet"); return NULL; }
be_model *be_model_load_string(const char *text, size_t len, const char *name, const be_load_options *opt, be_error *err)
{ (void)text; (void)len; (void)opt; be_pos p = {0, 0}; be__fail(err, BE_EIO, name, p, "loader not written yet"); return NULL; }
