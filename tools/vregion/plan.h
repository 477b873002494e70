/*
 * From a topology to the IPC4 requests a host driver sends: build
 * (CREATE_PIPELINE, INIT_INSTANCE, BIND, SET_PIPELINE_STATE PAUSED then
 * RUNNING) and teardown (PAUSED, RESET, DELETE_INSTANCE, DELETE_PIPELINE).
 * Each step is a decoded-form request; the runner encodes it with the IPC4
 * codec, hands the bytes to the firmware side, which decodes and handles
 * them, and checks the reply.
 */
#ifndef VREGION_TOOL_PLAN_H
#define VREGION_TOOL_PLAN_H

#include <stddef.h>
#include <stdint.h>

#include <vregion/ipc4/ipc4.h>

#include "topology.h"

/* LL period: 1 ms, as the firmware's LL timer. */
#define PLAN_PERIOD_US 1000u
/* Copier gateways: node_id v_index = endpoint index, dma_type below. */
#define PLAN_DMA_TYPE_DAI 8u

struct plan_step {
	struct ipc4_request req;
	uint8_t cfg[512];          /* INIT_INSTANCE module configuration bytes */
	char what[192];            /* "INIT_INSTANCE src.1 (SRC 3/0, DP)" */
	int widget;                /* INIT_INSTANCE: the widget's index; else -1 */
};

struct plan {
	unsigned n, cap;
	struct plan_step *steps;
};

/* Frames of one LL period at @p rate (rounded up). */
unsigned plan_period_frames(unsigned rate);

/* Module manifest id of a widget type. */
uint32_t plan_module_id(enum topo_widget_type type);

/* Q1.31 target volume of @p db (<= 0 dB; 0 dB -> IPC4_VOLUME_MAX). */
uint32_t plan_volume_q31(double db);

/* IPC4 audio format of a stream format (rate, channels). */
void plan_audio_fmt(struct ipc4_audio_fmt *f, unsigned rate, unsigned channels,
		    enum topo_format format);

/*
 * Append the build steps of @p t: every pipeline created (MEM_DATA with its
 * region size when that is not 0), every widget initialised (DP_DATA for DP
 * widgets), every route bound, and every pipeline moved to PAUSED (which
 * completes it) and then RUNNING. @p stream_fmt[i] is the stream format of
 * endpoint i (input: the file's; output: the endpoint's).
 * Returns 0, -ENOMEM, or -EINVAL with err set for a configuration the
 * encoder refuses.
 */
int plan_build(struct plan *p, const struct topology *t, const enum topo_format *stream_fmt,
	       char *err, size_t errlen);

/* Fill @p s with a LARGE_CONFIG_SET of gain widget @p w's volume for
 * channel @p ch (all channels when the widget has one value): what a host
 * sends when a mixer control is written. Returns 0 or -EINVAL. */
int plan_gain_control(struct plan_step *s, const struct topo_widget *w, unsigned ch);

/* Append the stop steps: every pipeline to PAUSED, then RESET. */
int plan_stop(struct plan *p, const struct topology *t);

/* Append the teardown steps: DELETE_INSTANCE of every widget (last first),
 * then DELETE_PIPELINE of every pipeline. */
int plan_delete(struct plan *p, const struct topology *t);

/* Encode step @p s into @p f with the IPC4 codec (refreshing the pointer to
 * its configuration bytes). Returns 0 or the encoder's negative errno. */
int plan_encode(struct plan_step *s, struct ipc4_frame *f);

void plan_free(struct plan *p);

#endif
