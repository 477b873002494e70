/* Memory report: table, JSON and SVG renderings of struct rep_run. */
#include "report.h"

#include <errno.h>
#include <inttypes.h>

uint64_t rep_headroom(const struct rep_region *r)
{
	uint64_t used = r->lifetime_used + r->interim_peak;

	return r->size > used ? r->size - used : 0;
}

void rep_print_table(const struct rep_run *r, FILE *f)
{
	fprintf(f, "%-20s %-2s %8s %8s %8s %8s %8s %8s %8s %8s\n", "region", "", "size", "lifetime",
		"interim", "int.peak", "at reset", "leaked", "failures", "headroom");
	for (unsigned i = 0; i < r->n_regions; i++) {
		const struct rep_region *g = &r->regions[i];

		if (!g->present) {
			fprintf(f, "%-20s %-2s %9s  (%s)\n", g->name, g->dp ? "DP" : "LL", "-",
				g->requested ? "not created" : "no region: modules use the system heap");
			continue;
		}
		fprintf(f, "%-20s %-2s %8" PRIu64 " %8" PRIu64 " %8" PRIu64 " %8" PRIu64 " %8" PRIu64
			" %8" PRIu64 " %8" PRIu64 " %8" PRIu64 "\n",
			g->name, g->dp ? "DP" : "LL", g->size, g->lifetime_used, g->interim_size,
			g->interim_peak, g->interim_after_reset, g->interim_at_teardown,
			g->alloc_failures, rep_headroom(g));
	}
	fprintf(f, "system heap: peak %" PRIu64 " bytes, %" PRIu64 " still used after teardown\n",
		r->sysheap_used_peak, r->sysheap_used_end);
	fprintf(f, "fast-get shared: %" PRIu64 " bytes (%u tables, %u users)\n", r->fast_get_shared,
		r->fast_get_tables, r->fast_get_users);
	fprintf(f, "audio: %" PRIu64 " frames in, %" PRIu64 " frames out, %.3f s of audio in %.3f s"
		" (%.3f s CPU",
		r->frames_in, r->frames_out, r->audio_seconds, r->wall_seconds, r->cpu_seconds);
	if (r->cpu_seconds > 0)
		fprintf(f, ", %.1fx real time per CPU second", r->audio_seconds / r->cpu_seconds);
	fprintf(f, ")");
	fprintf(f, "\n");
	for (unsigned i = 0; i < r->n_outputs; i++)
		if (r->outputs[i].path[0])
			fprintf(f, "output: %s (%" PRIu64 " frames at %u Hz)\n", r->outputs[i].path,
				r->outputs[i].frames, r->outputs[i].rate);
	fprintf(f, "IPC4: %u messages, %u refused; after teardown: %u regions, %u blocks alive\n",
		r->ipc_messages, r->ipc_failures, r->leaked_regions, r->leaked_blocks);
	if (!r->ok)
		fprintf(f, "FAILED: %s\n", r->error);
}

void rep_json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

static void json_region(const struct rep_region *g, FILE *f)
{
	fprintf(f, "    {\"name\": ");
	rep_json_string(f, g->name);
	fprintf(f, ", \"kind\": \"%s\", \"pipeline\": %u, \"present\": %s",
		g->dp ? "dp_module" : "pipeline", g->pipeline_id, g->present ? "true" : "false");
	fprintf(f, ", \"requested\": %" PRIu64 ", \"size\": %" PRIu64
		", \"lifetime_used\": %" PRIu64 ", \"interim_size\": %" PRIu64
		", \"interim_peak\": %" PRIu64 ", \"interim_after_reset\": %" PRIu64
		", \"interim_at_teardown\": %" PRIu64
		", \"alloc_failures\": %" PRIu64 ", \"headroom\": %" PRIu64 "}",
		g->requested, g->size, g->lifetime_used, g->interim_size, g->interim_peak,
		g->interim_after_reset, g->interim_at_teardown, g->alloc_failures, rep_headroom(g));
}

int rep_write_json(const struct rep_run *r, FILE *f)
{
	fprintf(f, "{\n  \"schema\": \"vregion-report-1\",\n  \"topology\": ");
	rep_json_string(f, r->topology);
	fprintf(f, ",\n  \"input\": ");
	rep_json_string(f, r->input);
	fprintf(f, ",\n  \"ok\": %s,\n  \"error\": ", r->ok ? "true" : "false");
	rep_json_string(f, r->error);
	fprintf(f, ",\n  \"regions\": [\n");
	for (unsigned i = 0; i < r->n_regions; i++) {
		json_region(&r->regions[i], f);
		fprintf(f, "%s\n", i + 1 < r->n_regions ? "," : "");
	}
	fprintf(f, "  ],\n  \"system_heap\": {\"peak\": %" PRIu64 ", \"used_after_teardown\": %" PRIu64 "},\n",
		r->sysheap_used_peak, r->sysheap_used_end);
	fprintf(f, "  \"fast_get_shared\": %" PRIu64 ",\n  \"fast_get_tables\": %u,\n"
		   "  \"fast_get_users\": %u,\n", r->fast_get_shared, r->fast_get_tables,
		r->fast_get_users);
	fprintf(f, "  \"audio\": {\"frames_in\": %" PRIu64 ", \"frames_out\": %" PRIu64
		", \"seconds\": %.6f, \"wall_seconds\": %.6f, \"cpu_seconds\": %.6f},\n",
		r->frames_in, r->frames_out, r->audio_seconds, r->wall_seconds, r->cpu_seconds);
	fprintf(f, "  \"outputs\": [");
	for (unsigned i = 0; i < r->n_outputs; i++) {
		fprintf(f, "%s{\"path\": ", i ? ", " : "");
		rep_json_string(f, r->outputs[i].path);
		fprintf(f, ", \"frames\": %" PRIu64 ", \"rate\": %u}", r->outputs[i].frames,
			r->outputs[i].rate);
	}
	fprintf(f, "],\n");
	fprintf(f, "  \"ipc\": {\"messages\": %u, \"refused\": %u},\n", r->ipc_messages, r->ipc_failures);
	fprintf(f, "  \"after_teardown\": {\"regions\": %u, \"blocks\": %u}\n}\n",
		r->leaked_regions, r->leaked_blocks);
	return ferror(f) ? -EIO : 0;
}

static void svg_rect(FILE *f, double x, double y, double w, double h, const char *fill,
		     const char *title)
{
	if (w <= 0)
		return;
	fprintf(f, "  <rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
		   "<title>%s</title></rect>\n", x, y, w, h, fill, title);
}

static void svg_text_escaped(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '<')
			fputs("&lt;", f);
		else if (*s == '>')
			fputs("&gt;", f);
		else if (*s == '&')
			fputs("&amp;", f);
		else
			fputc(*s, f);
	}
}

int rep_write_svg(const struct rep_run *r, FILE *f)
{
	const double left = 170, width = 600, bar = 22, gap = 14, top = 40;
	uint64_t max = 1;
	double height;
	char title[128];

	for (unsigned i = 0; i < r->n_regions; i++)
		if (r->regions[i].size > max)
			max = r->regions[i].size;
	height = top + r->n_regions * (bar + gap) + 40;
	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
		   "font-family=\"sans-serif\" font-size=\"12\">\n", left + width + 150, height);
	fprintf(f, "  <text x=\"10\" y=\"20\" font-size=\"14\">vregion regions: ");
	svg_text_escaped(f, r->topology);
	fprintf(f, " (bar length = region size, %" PRIu64 " bytes max)</text>\n", max);
	for (unsigned i = 0; i < r->n_regions; i++) {
		const struct rep_region *g = &r->regions[i];
		double y = top + i * (bar + gap), scale = width / (double)max;
		double lw = (double)g->lifetime_used * scale, iw = (double)g->interim_peak * scale;
		double total = (double)g->size * scale;

		fprintf(f, "  <text x=\"10\" y=\"%.1f\">", y + bar * 0.7);
		svg_text_escaped(f, g->name);
		fprintf(f, " (%s)</text>\n", g->dp ? "DP" : "LL");
		if (!g->present) {
			fprintf(f, "  <text x=\"%.0f\" y=\"%.1f\">%s</text>\n", left, y + bar * 0.7,
				g->requested ? "not created" : "no region");
			continue;
		}
		snprintf(title, sizeof(title), "free %" PRIu64 " bytes", rep_headroom(g));
		svg_rect(f, left, y, total, bar, "#d9d9d9", title);
		snprintf(title, sizeof(title), "lifetime %" PRIu64 " bytes", g->lifetime_used);
		svg_rect(f, left, y, lw, bar, "#4472c4", title);
		snprintf(title, sizeof(title), "interim peak %" PRIu64 " bytes", g->interim_peak);
		svg_rect(f, left + lw, y, iw, bar, "#ed7d31", title);
		fprintf(f, "  <text x=\"%.1f\" y=\"%.1f\">%" PRIu64 " B</text>\n", left + total + 6,
			y + bar * 0.7, g->size);
	}
	fprintf(f, "  <rect x=\"10\" y=\"%.0f\" width=\"12\" height=\"12\" fill=\"#4472c4\"/>"
		   "<text x=\"26\" y=\"%.0f\">lifetime</text>\n", height - 25, height - 15);
	fprintf(f, "  <rect x=\"100\" y=\"%.0f\" width=\"12\" height=\"12\" fill=\"#ed7d31\"/>"
		   "<text x=\"116\" y=\"%.0f\">interim peak</text>\n", height - 25, height - 15);
	fprintf(f, "  <rect x=\"220\" y=\"%.0f\" width=\"12\" height=\"12\" fill=\"#d9d9d9\"/>"
		   "<text x=\"236\" y=\"%.0f\">free</text>\n", height - 25, height - 15);
	fprintf(f, "</svg>\n");
	return ferror(f) ? -EIO : 0;
}
