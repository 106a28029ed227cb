package org.assistantapi.engines.piper;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
