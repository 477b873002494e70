/*
 * `vregion replay FILE`: replay a recorded IPC4 log (requests and replies,
 * as written by `run --ipc-log`) against a fresh firmware instance. Every
 * request record is handled; recorded replies are only compared. One line
 * per request:
 *     <index> <message type name> status=<number> <status name>
 * then a summary of what the log left alive.
 */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include <vregion/alloc_ctx.h>
#include <vregion/ipc4/log.h>
#include <vregion/sysheap.h>
#include <vregion/vregion.h>

#include "tb_firmware.h"

static void help(FILE *f)
{
	fprintf(f,
		"usage: vregion replay FILE\n"
		"Replay the IPC4 log FILE (records: u32 primary, u32 extension, u32 length,\n"
		"payload; little-endian; as written by `vregion run --ipc-log`) against a\n"
		"fresh firmware instance. Prints one line per request:\n"
		"  <index> <message type name> status=<number> <status name>\n"
		"and a summary of the regions, contexts and system-heap blocks still alive.\n"
		"Recorded replies are compared with the new ones (differences counted).\n"
		"Exit: 0 every request handled, 1 firmware could not be made, 2 usage or\n"
		"unreadable log.\n");
}

static size_t sysheap_blocks(void)
{
	struct vheap_stats st;

	return sys_heap_stats(&st) == 0 ? st.live_blocks : 0;
}

struct replay {
	struct tb_firmware fw;
	struct ipc4_frame *rec;
	uint32_t last_primary;   /* reply expected for this request */
	bool awaiting;
	unsigned requests, differ;
};

static void handle_record(struct replay *rp)
{
	struct ipc4_msg m = { rp->rec->primary, rp->rec->extension, rp->rec->payload, rp->rec->len };
	struct ipc4_reply_hdr rh;

	ipc4_reply_decode(m.primary, m.extension, &rh, NULL);
	if (rh.rsp) {
		/* a recorded reply: compare with what we answered */
		if (rp->awaiting && (m.primary != rp->last_primary))
			rp->differ++;
		rp->awaiting = false;
		return;
	}
	ipc4_handle(rp->fw.h, &m, rp->fw.reply);
	ipc4_reply_decode(rp->fw.reply->frame.primary, rp->fw.reply->frame.extension, &rh, NULL);
	printf("%u %s status=%u %s\n", rp->requests++,
	       ipc4_msg_type_name((m.primary >> 30) & 1u, (m.primary >> 24) & 0x1Fu),
	       rp->fw.reply->status, ipc4_status_name(rp->fw.reply->status));
	rp->last_primary = rp->fw.reply->frame.primary;
	rp->awaiting = true;
}

int cmd_replay(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct ipc4_log_reader rd;
	struct replay rp = { 0 };
	size_t regions0, ctx0, blocks0;
	FILE *f;
	int c, r, code = VR_EXIT_OK;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (c == 'h') {
			help(stdout);
			return VR_EXIT_OK;
		}
		help(stderr);
		return VR_EXIT_USAGE;
	}
	if (argc - optind != 1) {
		help(stderr);
		return VR_EXIT_USAGE;
	}
	f = fopen(argv[optind], "rb");
	if (!f)
		return cli_error("replay", VR_EXIT_USAGE, "%s: %s", argv[optind], strerror(errno));
	rp.rec = malloc(sizeof(*rp.rec));
	if (!rp.rec || tb_firmware_new(&rp.fw)) {
		free(rp.rec);
		fclose(f);
		return cli_error("replay", VR_EXIT_FAIL, "cannot make a firmware instance");
	}
	regions0 = vregion_live_count();
	ctx0 = sof_ctx_live_count();
	blocks0 = sysheap_blocks();
	ipc4_log_reader_init(&rd, f);
	while ((r = ipc4_log_read(&rd, rp.rec)) == 1)
		handle_record(&rp);
	if (r < 0) {
		code = cli_error("replay", VR_EXIT_USAGE, "%s: %s", argv[optind], rd.error);
	}
	printf("replayed %u requests (%u replies differ from the log); alive: %zu regions, "
	       "%zu contexts, %zd system-heap blocks beyond an empty instance\n",
	       rp.requests, rp.differ, vregion_live_count() - regions0, sof_ctx_live_count() - ctx0,
	       (ssize_t)(sysheap_blocks() - blocks0));
	tb_firmware_delete(&rp.fw);
	free(rp.rec);
	fclose(f);
	return code;
}
