package dev.mlops.config;

/** Where approved models come from: the stack this one promotes from, read through a stack reference. */
public record PromotionSettings(StackName sourceStack) {
}
