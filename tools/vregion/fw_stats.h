/*
 * Region figures read from a live firmware instance: each pipeline's region
 * and each DP module's, looked up by the ids the topology gave them.
 */
#ifndef VREGION_TOOL_FW_STATS_H
#define VREGION_TOOL_FW_STATS_H

#include <stdbool.h>

#include <vregion/audio/fw.h>
#include <vregion/vregion.h>

#include "report.h"
#include "topology.h"

/* One snapshot of every region the topology defines (pipelines first, then
 * DP widgets in file order, the order of the report). */
struct fw_snapshot {
	unsigned n;
	struct {
		bool present;
		uintptr_t base;           /* region start, to match the core's log lines */
		struct vregion_stats st;
	} r[REP_MAX_REGIONS];
};

struct fw_leaks;

/* Region of pipeline @p id or of DP module (@p module_id, @p instance), or NULL. */
struct vregion *fw_stats_pipeline_region(struct fw_instance *fw, uint32_t id);
struct vregion *fw_stats_module_region(struct fw_instance *fw, uint32_t module_id,
				       uint32_t instance);

/* Take a snapshot. */
void fw_snapshot_take(struct fw_instance *fw, const struct topology *t, struct fw_snapshot *s);

/*
 * Fill rep->regions from the snapshots taken at the end of the run (@p run:
 * lifetime, interim peak) and after the pipelines were reset (@p reset:
 * interim kept across the reset), and the leaks found when the regions were
 * destroyed (@p leaks, may be NULL). A snapshot may be NULL when that point
 * was not reached (a failed build); the figures then come from the other.
 */
void fw_stats_report(const struct topology *t, const struct fw_snapshot *run,
		     const struct fw_snapshot *reset, const struct fw_leaks *leaks,
		     struct rep_run *rep);

/*
 * Leaks reported by the core when a region is destroyed ("vregion <base>
 * destroyed with N interim blocks live (B bytes)") are credited to the
 * region of @p known with that base. fw_leak_watch() installs a log sink
 * that does it (and passes lines on to stderr as the platform would, up to
 * VREGION_LOG_LEVEL, default warnings); call
 * fw_leak_watch(NULL) to restore the platform's output.
 */
struct fw_leaks {
	const struct fw_snapshot *known;
	uint64_t bytes[REP_MAX_REGIONS];
	uint64_t blocks[REP_MAX_REGIONS];
	unsigned unmatched;         /* leak lines of regions we did not know */
	int threshold;              /* lines up to this level go to stderr (VREGION_LOG_LEVEL) */
	unsigned alloc_failures;    /* region allocations the core reported failing */
	uint64_t last_failed_bytes; /* size of the last one */
};
void fw_leak_watch(struct fw_leaks *l);

/* The region that refused an allocation first in @p s (alloc_failures > 0),
 * as its report name, or NULL. */
const char *fw_stats_exhausted(const struct topology *t, const struct fw_snapshot *s,
			       char *buf, size_t cap);

#endif
