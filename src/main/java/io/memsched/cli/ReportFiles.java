package io.memsched.cli;

import java.nio.file.Path;

/** Names report files when one {@code --report} option covers several graphs. */
final class ReportFiles {
    private ReportFiles() {
    }

    /** {@code out.html} and graph {@code g} give {@code out-g.html} (unsafe characters of the name become '_'). */
    static Path perGraph(Path report, String graphName) {
        String file = report.getFileName().toString();
        int dot = file.lastIndexOf('.');
        String stem = dot > 0 ? file.substring(0, dot) : file;
        String ext = dot > 0 ? file.substring(dot) : ".html";
        String safe = graphName.replaceAll("[^A-Za-z0-9._-]", "_");
        return report.resolveSibling(stem + "-" + safe + ext);
    }
}
