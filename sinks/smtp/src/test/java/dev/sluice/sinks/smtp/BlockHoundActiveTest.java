package dev.sluice.sinks.smtp;

import dev.sluice.testkit.BlockHoundCheck;

class BlockHoundActiveTest extends BlockHoundCheck {
}
