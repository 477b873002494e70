/* SPDX-License-Identifier: BSD-3-Clause */
/* Umbrella header of the IPC4 codec (see docs/ipc4.md). */
#ifndef VREGION_IPC4_IPC4_H
#define VREGION_IPC4_IPC4_H

#include <vregion/ipc4/fields.h>
#include <vregion/ipc4/largecfg.h>
#include <vregion/ipc4/log.h>
#include <vregion/ipc4/layouts.h>
#include <vregion/ipc4/modcfg.h>
#include <vregion/ipc4/msg.h>
#include <vregion/ipc4/status.h>
#include <vregion/ipc4/types.h>

#endif
