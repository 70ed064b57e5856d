/*
 * fuzz_load.c -- libFuzzer target: any bytes through the whole path from
 * a file to a validated model (YAML layer, schema, whole-model checks),
 * then freed.  Every input must end in a model or a located error; the
 * sanitizers catch anything else.  Build and run: fuzz/run.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "breakeven.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    be_error err;
    be_model *m = be_model_load_string((const char *)data, size, "fuzz.yaml",
                                       NULL, &err);
    if (!m) {
        /* the message is one NUL-terminated line */
        if (memchr(err.message, '\0', sizeof err.message) == NULL ||
            strchr(err.message, '\n') != NULL || err.code == BE_OK)
            __builtin_trap();
        return 0;
    }
    char buf[512];
    be_model_check_scaling(m, buf, sizeof buf);
    be_model_free(m);
    return 0;
}
