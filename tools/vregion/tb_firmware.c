/* Firmware instance + IPC4 handler for the vregion command. */
#include "tb_firmware.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int tb_firmware_new(struct tb_firmware *f)
{
	int r;

	memset(f, 0, sizeof(*f));
	f->h = calloc(1, sizeof(*f->h));
	f->reply = calloc(1, sizeof(*f->reply));
	f->fw = fw_new(NULL);
	if (!f->h || !f->reply || !f->fw) {
		tb_firmware_delete(f);
		return -ENOMEM;
	}
	r = tb_register_modules(f->fw);
	if (!r)
		r = ipc4_fw_init(f->h, f->fw);
	if (r)
		tb_firmware_delete(f);
	return r;
}

int tb_firmware_delete(struct tb_firmware *f)
{
	int left = fw_delete(f->fw);

	free(f->h);
	free(f->reply);
	memset(f, 0, sizeof(*f));
	return left;
}

static int handle(void *ctx, const struct ipc4_msg *req, struct ipc4_frame *reply)
{
	struct tb_firmware *f = ctx;

	ipc4_handle(f->h, req, f->reply);
	*reply = f->reply->frame;
	return 0;
}

struct tb_transport tb_firmware_transport(struct tb_firmware *f)
{
	struct tb_transport tr = { f, handle };

	return tr;
}
