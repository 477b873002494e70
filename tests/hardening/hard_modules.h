/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Module types for the hardening tests and fuzzers: the project's manifest
 * (modules_register_all) plus, while the SRC module (manifest id 3) is not
 * in the tree, a stand-in under id 3 so that the example topologies, whose
 * SRC is a DP module, can be built: it keeps a lifetime state block and an
 * interim work block, consumes ibs and produces obs bytes per period.
 */
#ifndef VREGION_HARD_MODULES_H
#define VREGION_HARD_MODULES_H

#include <stdbool.h>

struct fw_instance;

/* Register every module type; returns 0 or a negative errno. Sets
 * *@p stand_in (may be NULL) when id 3 is the stand-in. */
int hard_register_modules(struct fw_instance *fw, bool *stand_in);

#endif
