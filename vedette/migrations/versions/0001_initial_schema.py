"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-25 20:48:20.236386
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('alerts_sent',
    sa.Column('key', sa.String(length=300), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('day', sa.String(length=10), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=False),
    sa.Column('alert', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    with op.batch_alter_table('alerts_sent', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_alerts_sent_day'), ['day'], unique=False)

    op.create_table('api_keys',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('shown', sa.String(length=12), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('revoked_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('hash'),
    sa.UniqueConstraint('name')
    )
    op.create_table('documents',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('origin', sa.Text(), nullable=False),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('source', sa.Text(), nullable=True),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('published', sa.DateTime(), nullable=True),
    sa.Column('language', sa.String(length=8), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('segments', sa.Text(), nullable=False),
    sa.Column('focus', sa.Text(), nullable=False),
    sa.Column('ingested_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('incidents',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('event_type', sa.String(length=16), nullable=False),
    sa.Column('modality', sa.String(length=16), nullable=False),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('place_name', sa.Text(), nullable=True),
    sa.Column('place_country', sa.String(length=2), nullable=True),
    sa.Column('place_admin1', sa.Text(), nullable=True),
    sa.Column('place_rank', sa.Integer(), nullable=False),
    sa.Column('date_start', sa.String(length=10), nullable=True),
    sa.Column('date_end', sa.String(length=10), nullable=True),
    sa.Column('actors', sa.Text(), nullable=False),
    sa.Column('modes', sa.Text(), server_default='[]', nullable=False),
    sa.Column('events', sa.Integer(), nullable=False),
    sa.Column('documents', sa.Integer(), nullable=False),
    sa.Column('independent_sources', sa.Integer(), nullable=False),
    sa.Column('reprints', sa.Integer(), nullable=False),
    sa.Column('alignments', sa.Integer(), nullable=False),
    sa.Column('modality_agreement', sa.Float(), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('explanation', sa.Text(), nullable=False),
    sa.Column('sources', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_incidents_date_end'), ['date_end'], unique=False)
        batch_op.create_index(batch_op.f('ix_incidents_date_start'), ['date_start'], unique=False)
        batch_op.create_index(batch_op.f('ix_incidents_event_type'), ['event_type'], unique=False)
        batch_op.create_index(batch_op.f('ix_incidents_independent_sources'), ['independent_sources'], unique=False)
        batch_op.create_index(batch_op.f('ix_incidents_score'), ['score'], unique=False)

    op.create_table('quarantine',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('origin', sa.Text(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('payload', sa.LargeBinary(), nullable=True),
    sa.Column('quarantined_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('origin', 'reason', name='quarantine_once')
    )
    op.create_table('comment_stance',
    sa.Column('doc_id', sa.String(length=32), nullable=False),
    sa.Column('actor', sa.Text(), nullable=False),
    sa.Column('support', sa.Integer(), nullable=False),
    sa.Column('oppose', sa.Integer(), nullable=False),
    sa.Column('comments', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['doc_id'], ['documents.id'], ),
    sa.PrimaryKeyConstraint('doc_id', 'actor')
    )
    op.create_table('events',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('doc_id', sa.String(length=32), nullable=False),
    sa.Column('event_type', sa.String(length=16), nullable=False),
    sa.Column('modality', sa.String(length=16), nullable=False),
    sa.Column('actor', sa.Text(), nullable=True),
    sa.Column('actor_country', sa.String(length=3), nullable=True),
    sa.Column('target', sa.Text(), nullable=True),
    sa.Column('place_name', sa.Text(), nullable=True),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('country', sa.String(length=2), nullable=True),
    sa.Column('date', sa.String(length=10), nullable=True),
    sa.Column('source', sa.Text(), nullable=True),
    sa.Column('confidence', sa.Float(), nullable=True),
    sa.Column('place_inferred', sa.Boolean(), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['doc_id'], ['documents.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index('events_date_lat_lon', ['date', 'lat', 'lon'], unique=False)
        batch_op.create_index('events_lat_lon', ['lat', 'lon'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_country'), ['country'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_date'), ['date'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_doc_id'), ['doc_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_event_type'), ['event_type'], unique=False)

    op.create_table('loaded_terms',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('doc_id', sa.String(length=32), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('term', sa.Text(), nullable=False),
    sa.Column('category', sa.String(length=32), nullable=False),
    sa.Column('segment', sa.String(length=16), nullable=False),
    sa.Column('quoted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['doc_id'], ['documents.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('loaded_terms', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_loaded_terms_category'), ['category'], unique=False)
        batch_op.create_index(batch_op.f('ix_loaded_terms_doc_id'), ['doc_id'], unique=False)

    op.create_table('syndication_clusters',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('earliest_doc_id', sa.String(length=32), nullable=False),
    sa.Column('origin_source', sa.Text(), nullable=True),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('outlets', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['earliest_doc_id'], ['documents.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('syndication_clusters', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_syndication_clusters_size'), ['size'], unique=False)

    op.create_table('syndication_members',
    sa.Column('doc_id', sa.String(length=32), nullable=False),
    sa.Column('cluster_id', sa.String(length=32), nullable=False),
    sa.Column('published', sa.DateTime(), nullable=True),
    sa.Column('outlet', sa.Text(), nullable=True),
    sa.Column('upstream', sa.Text(), nullable=False),
    sa.Column('upstream_doc_id', sa.String(length=32), nullable=True),
    sa.Column('similarity', sa.Float(), nullable=True),
    sa.Column('shingles', sa.Integer(), nullable=False),
    sa.Column('signature', sa.LargeBinary(), nullable=True),
    sa.ForeignKeyConstraint(['doc_id'], ['documents.id'], ),
    sa.PrimaryKeyConstraint('doc_id')
    )
    with op.batch_alter_table('syndication_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_syndication_members_cluster_id'), ['cluster_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_syndication_members_published'), ['published'], unique=False)

    op.create_table('toponyms',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('doc_id', sa.String(length=32), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('segment', sa.String(length=16), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('source', sa.String(length=32), nullable=True),
    sa.Column('source_id', sa.String(length=32), nullable=True),
    sa.Column('lat', sa.Float(), nullable=False),
    sa.Column('lon', sa.Float(), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=True),
    sa.Column('admin1', sa.Text(), nullable=True),
    sa.Column('feature', sa.String(length=16), nullable=True),
    sa.Column('modifier', sa.Text(), nullable=True),
    sa.Column('score', sa.Float(), nullable=True),
    sa.ForeignKeyConstraint(['doc_id'], ['documents.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('toponyms', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_toponyms_doc_id'), ['doc_id'], unique=False)

    op.create_table('incident_events',
    sa.Column('event_id', sa.String(length=32), nullable=False),
    sa.Column('incident_id', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], ),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], ),
    sa.PrimaryKeyConstraint('event_id')
    )
    with op.batch_alter_table('incident_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_incident_events_incident_id'), ['incident_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('incident_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_incident_events_incident_id'))

    op.drop_table('incident_events')
    with op.batch_alter_table('toponyms', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_toponyms_doc_id'))

    op.drop_table('toponyms')
    with op.batch_alter_table('syndication_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_syndication_members_published'))
        batch_op.drop_index(batch_op.f('ix_syndication_members_cluster_id'))

    op.drop_table('syndication_members')
    with op.batch_alter_table('syndication_clusters', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_syndication_clusters_size'))

    op.drop_table('syndication_clusters')
    with op.batch_alter_table('loaded_terms', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_loaded_terms_doc_id'))
        batch_op.drop_index(batch_op.f('ix_loaded_terms_category'))

    op.drop_table('loaded_terms')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_events_event_type'))
        batch_op.drop_index(batch_op.f('ix_events_doc_id'))
        batch_op.drop_index(batch_op.f('ix_events_date'))
        batch_op.drop_index(batch_op.f('ix_events_country'))
        batch_op.drop_index('events_lat_lon')
        batch_op.drop_index('events_date_lat_lon')

    op.drop_table('events')
    op.drop_table('comment_stance')
    op.drop_table('quarantine')
    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_incidents_score'))
        batch_op.drop_index(batch_op.f('ix_incidents_independent_sources'))
        batch_op.drop_index(batch_op.f('ix_incidents_event_type'))
        batch_op.drop_index(batch_op.f('ix_incidents_date_start'))
        batch_op.drop_index(batch_op.f('ix_incidents_date_end'))

    op.drop_table('incidents')
    op.drop_table('documents')
    op.drop_table('api_keys')
    with op.batch_alter_table('alerts_sent', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_alerts_sent_day'))

    op.drop_table('alerts_sent')
