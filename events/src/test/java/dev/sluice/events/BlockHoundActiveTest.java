package dev.sluice.events;

import dev.sluice.testkit.BlockHoundCheck;

class BlockHoundActiveTest extends BlockHoundCheck {
}
