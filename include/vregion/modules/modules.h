/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The module manifest: every module type this project ships, under the
 * fixed IPC4 module ids of include/vregion/ipc4/types.h:
 *   1 copier (copier.h), 2 gain / peak volume (gain.h), 3 SRC (src_module.h).
 * Link vregion_modules to get them all.
 */
#ifndef VREGION_MODULES_MODULES_H
#define VREGION_MODULES_MODULES_H

#include <vregion/audio/fw.h>
#include <vregion/modules/copier.h>
#include <vregion/modules/gain.h>
#include <vregion/modules/src_module.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MODULES_COPIER_ID 1u
#define MODULES_GAIN_ID 2u
#define MODULES_SRC_ID 3u

/**
 * Register every module type in @p fw. Returns 0, or the first error of
 * fw_register_module_type() (-EINVAL for a NULL @p fw, -EEXIST when an id
 * is taken, -ENOSPC); types registered before the error stay registered.
 * O(types); call it before the instance is shared between threads.
 */
int modules_register_all(struct fw_instance *fw);

#ifdef __cplusplus
}
#endif
#endif /* VREGION_MODULES_MODULES_H */
