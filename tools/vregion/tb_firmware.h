/*
 * A firmware instance as the vregion command uses it: the audio framework's
 * fw_instance with the module types of this build registered, and the IPC4
 * handler in front of it. Requests reach it only as encoded messages.
 */
#ifndef VREGION_TOOL_TB_FIRMWARE_H
#define VREGION_TOOL_TB_FIRMWARE_H

#include <vregion/audio/fw.h>
#include <vregion/ipc4/handler.h>

#include "ipc_session.h"

struct tb_firmware {
	struct fw_instance *fw;
	struct ipc4_fw *h;          /* handler state (malloc: ~12 KiB) */
	struct ipc4_reply *reply;   /* scratch reply */
};

/* Make the instance, register every module type of the build, set up the
 * handler. Returns 0 or -ENOMEM / the registration's error. */
int tb_firmware_new(struct tb_firmware *f);

/* Delete the instance (fw_delete) and the handler. Returns fw_delete()'s
 * count of fast-get entries still referenced (0 expected). */
int tb_firmware_delete(struct tb_firmware *f);

/* The transport of struct tb_ipc: ipc4_handle() on the encoded bytes. */
struct tb_transport tb_firmware_transport(struct tb_firmware *f);

/* Register the module types of this build (copier, gain, SRC when built). */
int tb_register_modules(struct fw_instance *fw);

#endif
