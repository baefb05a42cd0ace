package io.github.blockwatch.readme;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The shell examples of a README, as a reader sees them: every command of its {@code ```sh} blocks (with the
 * output the block shows under it, if any) and the example column of its API table, and the plain
 * {@code ```} block under a heading (a transcript). Comments ({@code  # ...}) are dropped from commands.
 *
 * <p>In a {@code ```sh} block a line is a command when its first word is a program a reader would type
 * ({@link #PROGRAMS}); any other line is output of the command above it. A new kind of command (a program
 * not listed) is therefore read as output, which {@code ReadmeIT} does not find and reports: the list here
 * grows with the README, on purpose.
 */
record Readme(List<Example> examples, List<String> lines) {
    /** The first word of a command line. */
    static final Set<String> PROGRAMS = Set.of("./blockwatch", "blockwatch", "./test", "mvn", "curl", "kcat", "jq",
            "docker-compose", "docker", "git", "iprange", "iconv", "openssl", "echo", "export");

    private static final Pattern TABLE_CELL_SEPARATOR = Pattern.compile("(?<!\\\\)\\|");

    /**
     * One example.
     *
     * @param section the heading it is under
     * @param line    its line number in the README (1-based)
     * @param command the command as written, without its comment ({@code \|} of a table cell unescaped)
     * @param output  the lines the README shows under it, empty when it shows none
     */
    record Example(String section, int line, String command, List<String> output) {
        @Override
        public String toString() {
            return "README.md:" + line + " (" + section + "): " + command;
        }
    }

    static Readme read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Example> examples = new ArrayList<>();
        String section = "(top)";
        boolean inSh = false;
        boolean inOther = false;
        Example open = null;
        List<String> output = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!inSh && !inOther && line.startsWith("#")) {
                section = line.replaceFirst("^#+\\s*", "");
            }
            if (line.startsWith("```")) {
                if (inSh) {
                    add(examples, open, output);
                    open = null;
                    inSh = false;
                } else if (inOther) {
                    inOther = false;
                } else if (line.strip().equals("```sh")) {
                    inSh = true;
                } else {
                    inOther = true;
                }
                continue;
            }
            if (inSh) {
                if (line.isBlank()) {
                    continue;
                }
                if (isCommand(line)) {
                    add(examples, open, output);
                    int first = i;
                    StringBuilder command = new StringBuilder(withoutComment(line));
                    // A command continued on the next lines (a trailing backslash) is one command.
                    while (command.toString().endsWith("\\") && i + 1 < lines.size()) {
                        String head = command.substring(0, command.length() - 1).stripTrailing();
                        command.setLength(0);
                        command.append(head).append(' ').append(withoutComment(lines.get(++i).strip()));
                    }
                    open = new Example(section, first + 1, command.toString(), List.of());
                } else if (open == null) {
                    throw new IllegalStateException("README.md:" + (i + 1) + ": neither a command ReadmeIT knows (first word one of "
                            + PROGRAMS + ") nor the output of one: " + line);
                } else {
                    output.add(line);
                }
            } else if (!inOther && line.startsWith("| `GET ")) {
                examples.add(new Example(section, i + 1, apiExample(line), List.of()));
            }
        }
        return new Readme(List.copyOf(examples), List.copyOf(lines));
    }

    /** The lines of the first plain {@code ```} block after the heading {@code heading}. */
    List<String> transcriptUnder(String heading) {
        return blockUnder(heading, "```");
    }

    /** The lines of the first block opened by {@code fence} (such as {@code ```yaml}) after the heading {@code heading}. */
    List<String> blockUnder(String heading, String fence) {
        int at = lines.indexOf(heading);
        if (at < 0) {
            throw new IllegalStateException("README.md has no heading '" + heading + "'");
        }
        int start = at + 1;
        while (start < lines.size() && !lines.get(start).strip().equals(fence)) {
            start++;
        }
        List<String> block = new ArrayList<>();
        for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
            block.add(lines.get(i));
        }
        return block;
    }

    private static void add(List<Example> examples, Example open, List<String> output) {
        if (open != null) {
            examples.add(new Example(open.section(), open.line(), open.command(), List.copyOf(output)));
        }
        output.clear();
    }

    static boolean isCommand(String line) {
        if (line.isEmpty() || Character.isWhitespace(line.charAt(0))) {
            return false;
        }
        String first = line.split("\\s+", 2)[0];
        return PROGRAMS.contains(first);
    }

    /** The line without a trailing {@code # comment} (a {@code #} after blanks, outside quotes). */
    static String withoutComment(String line) {
        boolean single = false;
        boolean dbl = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'' && !dbl) {
                single = !single;
            } else if (c == '"' && !single) {
                dbl = !dbl;
            } else if (c == '#' && !single && !dbl && i > 0 && Character.isWhitespace(line.charAt(i - 1))) {
                return line.substring(0, i).strip();
            }
        }
        return line.strip();
    }

    /** The last cell of an API table row, without its backticks, {@code \|} read as {@code |}. */
    private static String apiExample(String row) {
        String[] cells = TABLE_CELL_SEPARATOR.split(row.strip());
        String last = cells[cells.length - 1].strip();
        if (last.isEmpty()) {
            last = cells[cells.length - 2].strip();
        }
        if (!last.startsWith("`") || !last.endsWith("`")) {
            throw new IllegalStateException("an API table row whose example is not `code`: " + row);
        }
        return last.substring(1, last.length() - 1).replace("\\|", "|");
    }
}
