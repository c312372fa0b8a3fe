#!/bin/sh
# user-rows.sh REPORT FILE: the text report's rows for FILE's lines, without their rank, sorted;
# the row of start_threads() (C library internals of pthread_create) left out.
sed "/^Total live/q" "$1" | grep "^#[0-9]*: .*$2:" | grep -v 'start_threads()' | sed 's/^#[0-9]*: //' | sort
