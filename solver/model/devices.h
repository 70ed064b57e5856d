/*
 * devices.h -- the `devices` and `fleet` sections of a model file
 * (devices.c), for loader.c.  Internal to the model room.
 */
#ifndef BE_DEVICES_H
#define BE_DEVICES_H

#include "model/values.h"

/* The `devices` sequence n into L->m's devices. */
be_code be__parse_devices(loader *L, const be_ynode *n);
/* The `fleet` sequence n into L->m's fleet, once the devices are read. */
be_code be__parse_fleet(loader *L, const be_ynode *n);

#endif /* BE_DEVICES_H */
