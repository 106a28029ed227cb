package org.assistantapi.engines.piper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.assistantapi.engines.piper.DecoderWindows.Window;
import org.junit.jupiter.api.Test;

class DecoderWindowsTest {

    private final DecoderWindows windows = new DecoderWindows(22, 40);

    @Test
    void shortFirstWindowThenWholeWindowsWithTheRemainderJoiningTheLast() {
        assertEquals(List.of(new Window(0, 22), new Window(22, 62), new Window(62, 102)), windows.plan(102));
        assertEquals(List.of(new Window(0, 22), new Window(22, 101)), windows.plan(101));
        assertEquals(List.of(new Window(0, 22), new Window(22, 23)), windows.plan(23));
    }

    @Test
    void laterWindowsGrowFourFoldUpToTheirSize() {
        DecoderWindows growing = new DecoderWindows(22, 400);
        assertEquals(List.of(new Window(0, 22), new Window(22, 110), new Window(110, 462), new Window(462, 1000)),
                growing.plan(1000));
        assertEquals(List.of(new Window(0, 22), new Window(22, 110), new Window(110, 462), new Window(462, 862),
                new Window(862, 1262), new Window(1262, 1700)), growing.plan(1700));
        assertEquals(List.of(new Window(0, 22), new Window(22, 197)), growing.plan(197), "under two of 88: one window");
    }

    @Test
    void aLimitCutsWindowsAfterTheFirst() {
        DecoderWindows growing = new DecoderWindows(22, 400);
        Window first = new Window(0, 22);
        Window second = new Window(22, 110);
        assertEquals(first, growing.next(1000, null, 5), "the first window, whatever the limit");
        assertEquals(second, growing.next(1000, first, 100), "a limit above the plan's second window");
        assertEquals(new Window(22, 82), growing.next(1000, first, 60), "the second window cut to the limit");
        assertEquals(new Window(22, 66), growing.next(1000, first, 5), "never below two first windows");
        assertEquals(new Window(110, 210), growing.next(1000, second, 100));
        assertEquals(new Window(110, 154), growing.next(1000, second, 5), "never below two first windows");
        assertEquals(new Window(210, 610), growing.next(2000, new Window(110, 210), Integer.MAX_VALUE),
                "growth goes on from the cut window");
        assertEquals(new Window(110, 210), growing.next(300, second, 100), "a remainder joins only within the limit");
        assertEquals(new Window(210, 300), growing.next(300, new Window(110, 210), 100));
        assertNull(growing.next(300, new Window(210, 300), 100));
    }

    @Test
    void shortSentencesAreOneWindow() {
        assertEquals(List.of(new Window(0, 10)), windows.plan(10));
        assertEquals(List.of(new Window(0, 22)), windows.plan(22));
        assertEquals(List.of(), windows.plan(0));
    }

    @Test
    void windowsHaveFrames() {
        assertThrows(IllegalArgumentException.class, () -> new DecoderWindows(0, 40));
        assertThrows(IllegalArgumentException.class, () -> new DecoderWindows(22, 0));
    }
}
