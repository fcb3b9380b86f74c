package dev.sluice.sinks.cloudwatch;

import dev.sluice.testkit.BlockHoundCheck;

class BlockHoundActiveTest extends BlockHoundCheck {
}
