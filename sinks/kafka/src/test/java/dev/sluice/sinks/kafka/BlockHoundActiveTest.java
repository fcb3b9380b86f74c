package dev.sluice.sinks.kafka;

import dev.sluice.testkit.BlockHoundCheck;

class BlockHoundActiveTest extends BlockHoundCheck {
}
