package org.assistantapi.text;

import java.util.List;
import java.util.regex.Pattern;

import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.Code;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.CustomNode;
import org.commonmark.node.Document;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;

/**
 * Markdown as a listener hears it, parsed by commonmark-java (CommonMark plus GFM tables and strikethrough): the
 * words of emphasis, headings, list items, links (their text, not their target), images (their
 * alt text) and inline code; code blocks as their words or a short phrase; tables cell by cell,
 * row by row; HTML tags dropped. Every block ends with sentence punctuation, so a heading or a
 * list item is its own sentence. Indented "code" is read as text: in an assistant's reply it is
 * far more often indented prose than code.
 */
final class MarkdownReader {

    private static final Parser PARSER = Parser.builder()
            .extensions(List.of(TablesExtension.create(), StrikethroughExtension.create())).build();
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    /** A list "item" numbered like this was a year or an amount at the start of a line, not a list. */
    private static final int LARGEST_LIST_NUMBER = 99;

    private MarkdownReader() {
    }

    /**
     * @param codeBlocks    what code blocks become
     * @param skippedPhrase what stands for a skipped code block (may be empty)
     */
    static String read(String markdown, CodeReading codeBlocks, String skippedPhrase) {
        if (!looksLikeMarkup(markdown)) {
            return markdown;
        }
        Speaker speaker = new Speaker(codeBlocks, skippedPhrase);
        PARSER.parse(markdown).accept(speaker);
        return speaker.text();
    }

    /** Plain sentences skip the parser (most segments of a session are). */
    private static boolean looksLikeMarkup(String text) {
        for (int i = 0; i < text.length(); i++) {
            switch (text.charAt(i)) {
                case '*', '_', '#', '`', '[', '|', '<', '>', '\n', '\\', '&', '~', '-', '+', '=' -> {
                    return true;
                }
                default -> {
                }
            }
        }
        return false;
    }

    private static final class Speaker extends AbstractVisitor {
        private final StringBuilder out = new StringBuilder();
        private final CodeReading codeBlocks;
        private final String skippedPhrase;

        Speaker(CodeReading codeBlocks, String skippedPhrase) {
            this.codeBlocks = codeBlocks;
            this.skippedPhrase = skippedPhrase;
        }

        @Override
        public void visit(Text text) {
            out.append(text.getLiteral());
        }

        @Override
        public void visit(Code code) {
            out.append(code.getLiteral());
        }

        @Override
        public void visit(SoftLineBreak softLineBreak) {
            out.append(' ');
        }

        @Override
        public void visit(HardLineBreak hardLineBreak) {
            endClause(",");
        }

        @Override
        public void visit(HtmlInline html) {
            // A tag says nothing to a listener.
        }

        @Override
        public void visit(HtmlBlock html) {
            out.append(TAG.matcher(html.getLiteral()).replaceAll(" "));
            endBlock();
        }

        @Override
        public void visit(Image image) {
            visitChildren(image);
        }

        @Override
        public void visit(Paragraph paragraph) {
            visitChildren(paragraph);
            if (paragraph.getNext() == null && paragraph.getParent() instanceof Document) {
                trimEnd(); // the text's own last sentence keeps its own ending
            } else {
                endBlock();
            }
        }

        String text() {
            return out.toString().strip();
        }

        @Override
        public void visit(Heading heading) {
            visitChildren(heading);
            endBlock();
        }

        @Override
        public void visit(ListItem item) {
            if (item.getParent() instanceof OrderedList list && list.getMarkerStartNumber() != null
                    && list.getMarkerStartNumber() > LARGEST_LIST_NUMBER) {
                out.append(list.getMarkerStartNumber()).append(list.getMarkerDelimiter()).append(' ');
            }
            visitChildren(item);
            endBlock();
        }

        @Override
        public void visit(BlockQuote quote) {
            visitChildren(quote);
            endBlock();
        }

        @Override
        public void visit(ThematicBreak thematicBreak) {
            endBlock();
        }

        @Override
        public void visit(FencedCodeBlock code) {
            if (codeBlocks == CodeReading.SPEAK) {
                code.getLiteral().lines().filter(line -> !line.isBlank()).forEach(line -> {
                    out.append(line.strip());
                    endBlock();
                });
            } else if (!skippedPhrase.isEmpty()) {
                out.append(skippedPhrase);
                endBlock();
            }
        }

        @Override
        public void visit(IndentedCodeBlock code) {
            out.append(code.getLiteral().replace('\n', ' '));
            endBlock();
        }

        @Override
        public void visit(CustomBlock block) {
            visitChildren(block);
            endBlock();
        }

        @Override
        public void visit(CustomNode node) {
            if (node instanceof TableRow) {
                visitChildren(node);
                endBlock();
            } else if (node instanceof TableCell) {
                int before = out.length();
                visitChildren(node);
                if (out.length() > before) {
                    endClause(",");
                }
            } else {
                visitChildren(node);
            }
        }

        /** Ends a block with a full stop unless it already ends with sentence punctuation. */
        private void endBlock() {
            trimEnd();
            if (out.isEmpty()) {
                return;
            }
            char last = out.charAt(out.length() - 1);
            if (last == ',' || last == ';') {
                out.setLength(out.length() - 1);
                last = out.isEmpty() ? ' ' : out.charAt(out.length() - 1);
            }
            if (".!?:…".indexOf(last) < 0) {
                out.append('.');
            }
            out.append(' ');
        }

        private void endClause(String mark) {
            trimEnd();
            if (!out.isEmpty() && ".!?:;,".indexOf(out.charAt(out.length() - 1)) < 0) {
                out.append(mark);
            }
            out.append(' ');
        }

        private void trimEnd() {
            int end = out.length();
            while (end > 0 && Character.isWhitespace(out.charAt(end - 1))) {
                end--;
            }
            out.setLength(end);
        }
    }
}
